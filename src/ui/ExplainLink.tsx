import { tExplain } from '../i18n';
import type { ExplainTopic } from '../i18n/explain.en';

/** A small "?" that opens a topic of the explain panel (it listens to the URL hash). */
export function ExplainLink({ topic }: { topic: ExplainTopic }) {
  return (
    <a
      className="explain-link"
      href={`#explain-${topic}`}
      aria-label={`${tExplain.link} (${tExplain.topics[topic].title})`}
      title={tExplain.topics[topic].title}
      data-testid={`explain-link-${topic}`}
    >
      ?
    </a>
  );
}
