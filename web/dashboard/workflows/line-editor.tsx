import { useRef } from 'react';

export interface LineEditorProps {
  id: string;
  value: string;
  onChange(value: string): void;
  /** 1-based line → the problems found there (shown in the gutter and as its tooltip). */
  problemLines: Map<number, string[]>;
  readOnly?: boolean;
  label: string;
}

/** A plain textarea with a line-number gutter that marks lines with problems. */
export function LineEditor({ id, value, onChange, problemLines, readOnly, label }: LineEditorProps) {
  const gutter = useRef<HTMLDivElement>(null);
  const lineCount = value.split('\n').length;
  return (
    <div className="line-editor">
      <div className="line-gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lineCount }, (_, index) => {
          const problems = problemLines.get(index + 1);
          return (
            <div key={index} className={problems ? 'gutter-line gutter-problem' : 'gutter-line'} title={problems?.join('\n')}>
              {index + 1}
            </div>
          );
        })}
      </div>
      <textarea
        id={id}
        aria-label={label}
        className="line-text"
        value={value}
        readOnly={readOnly}
        spellCheck={false}
        wrap="off"
        onChange={(event) => onChange(event.target.value)}
        onScroll={(event) => {
          if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
        }}
        rows={Math.min(28, Math.max(12, lineCount + 1))}
      />
    </div>
  );
}
