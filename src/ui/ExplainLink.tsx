import { explainEn, type ExplainTopic } from '../i18n/explain.en';

/** A small "?" that opens a topic of the explain panel (it listens to the URL hash). */
export function ExplainLink({ topic }: { topic: ExplainTopic }) {
  return (
    <a className="explain-link" href={`#explain-${topic}`} aria-label={`${explainEn.link} (${explainEn.topics[topic].title})`} title={explainEn.topics[topic].title} data-testid={`explain-link-${topic}`}>
      ?
    </a>
  );
}
