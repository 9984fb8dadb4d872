// The registry with the lab's slices registered: what the three paths (saved experiments, links, bundles) import.
import './slices';
export * from './document';
