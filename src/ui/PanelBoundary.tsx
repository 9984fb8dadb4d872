import { Component, type ReactNode } from 'react';
import { create } from 'zustand';
import { render, ui } from '../i18n';
import { messageOf } from '../core/messages';
import { Control } from './Control';
import type { ControlId } from '../core/lecture/lecture';

/**
 * Panels the test hooks have asked to fail on their next render: the one way to prove in the
 * built app that a rendering error stays inside its panel.
 */
export const usePanelFaults = create<{ broken: readonly string[] }>()(() => ({ broken: [] }));

function FaultInjection({ panel }: { panel: string }) {
  const broken = usePanelFaults((s) => s.broken.includes(panel));
  if (broken) throw new Error(`test fault injected into the ${panel} panel`);
  return null;
}

interface Props {
  /** Which panel this is: shown in the message, the name the test hook uses, and its lecture-link id. */
  panel: ControlId;
  children: ReactNode;
}

/**
 * One rendering error shows a message in its panel instead of a blank page; everything else
 * (other panels, stores, the engine) keeps working. "Try again" renders the panel afresh.
 */
export class PanelBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error) {
    console.error(`Panel "${this.props.panel}" failed to render:`, error);
  }

  private retry = () => {
    usePanelFaults.setState((s) => ({ broken: s.broken.filter((p) => p !== this.props.panel) }));
    this.setState({ error: null });
  };

  render() {
    if (this.state.error) {
      return (
        <section className="panel" role="alert" data-testid={`panel-error-${this.props.panel}`}>
          <p className="error">{ui.panelError(render(messageOf(this.state.error)))}</p>
          <button className="button small" onClick={this.retry}>
            {ui.panelRetry}
          </button>
        </section>
      );
    }
    return (
      <>
        <FaultInjection panel={this.props.panel} />
        <Control id={this.props.panel}>{this.props.children}</Control>
      </>
    );
  }
}
