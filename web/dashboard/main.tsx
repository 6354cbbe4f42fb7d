// Browser entry of the Velocity dashboard, served by the server at / (assets at /dashboard/).
// scripts/build-dashboard.mjs bundles it with its CSS: the page loads nothing from elsewhere.
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/tables.css';
import './styles/agent.css';
import './styles/workflows.css';
import { App } from './common/app';

createRoot(document.getElementById('root')!).render(<App />);
