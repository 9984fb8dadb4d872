import { useEffect, useState } from 'react';
import { EXPLAIN_TOPICS, type ExplainTopic } from '../../i18n/explain.en';
import { tExplain as x } from '../../i18n';

const fromHash = (): ExplainTopic | null => {
  const id = location.hash.replace(/^#explain-/, '');
  return (EXPLAIN_TOPICS as readonly string[]).includes(id) ? (id as ExplainTopic) : null;
};

/** Short explanations; a link from a metric or preset opens its topic and scrolls to it. */
export function ExplainPanel() {
  const [open, setOpen] = useState<ExplainTopic | null>(fromHash);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    const onHash = () => {
      const topic = fromHash();
      if (!topic) return;
      setOpen(topic);
      setAsked((n) => n + 1);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // Scrolled after the render that shows it: the Explain view opens on the same link, and a hidden topic cannot scroll.
  useEffect(() => {
    if (asked && open) document.getElementById(`explain-${open}`)?.scrollIntoView({ block: 'nearest' });
  }, [asked, open]);
  return (
    <section className="panel explain" data-testid="explain-panel">
      <h2>{x.title}</h2>
      <p className="small muted">{x.intro}</p>
      {EXPLAIN_TOPICS.map((id) => (
        <details
          key={id}
          id={`explain-${id}`}
          open={open === id}
          data-testid={`explain-${id}`}
          onToggle={(e) => {
            const isOpen = (e.target as HTMLDetailsElement).open;
            if (isOpen !== (open === id)) setOpen(isOpen ? id : null);
          }}
        >
          <summary>{x.topics[id].title}</summary>
          {x.topics[id].body.map((p) => (
            <p key={p.slice(0, 24)} className="small">
              {p}
            </p>
          ))}
        </details>
      ))}
    </section>
  );
}
