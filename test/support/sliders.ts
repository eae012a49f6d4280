// Plotly sliders in a page, read and moved as a student would (a click on the slider's rail):
// the notebooks' controls in JupyterLab (test/browser-controls.test.ts) and in the exported pages
// (test/export.test.ts). Browser-side code is passed as strings: the project's TypeScript config
// has no DOM types.
import type { Page } from "playwright-core";

/** The state of the n-th chart (in page order) that has sliders. */
export interface SliderChart {
  /** Its index among all charts of the page. */
  chart: number;
  title: string;
  /** Each slider's active step and that step's label. */
  sliders: { active: number; label: string; steps: number }[];
  /** Every trace's data, as JSON: what the frames change. */
  data: string;
}

export function sliderCharts(page: Page): Promise<SliderChart[]> {
  return page.evaluate(`Array.from(document.querySelectorAll(".mlp-chart .js-plotly-plot")).flatMap((plot, chart) => {
    const sliders = (plot.layout && plot.layout.sliders) || [];
    if (sliders.length === 0) return [];
    const title = plot.layout.title && (plot.layout.title.text || plot.layout.title);
    return [{
      chart, title: String(title),
      sliders: sliders.map((s) => ({ active: s.active, label: s.steps[s.active].label, steps: s.steps.length })),
      data: JSON.stringify(plot.data.map((t) => ({ x: t.x, y: t.y, z: t.z, text: t.text, color: t.marker && t.marker.color }))),
    }];
  })`);
}

/** Clicks slider `s` of chart `chart` at step `step`, as a student would: on the rail, where that step sits. */
export async function clickSliderStep(page: Page, chart: number, s: number, step: number): Promise<void> {
  const where = () => page.evaluate(`(() => {
    const group = document.querySelectorAll(".mlp-chart .js-plotly-plot")[${chart}].querySelectorAll(".slider-group")[${s}];
    const rail = group.querySelector(".slider-rail-touch-rect").getBoundingClientRect();
    const tick = group.querySelectorAll(".slider-tick-rect")[${step}].getBoundingClientRect();
    return { x: tick.left + tick.width / 2, y: rail.top + rail.height / 2 };
  })()`) as Promise<{ x: number; y: number }>;
  // The notebook scrolls in its own panel: wheel it until the slider is in the middle of the window.
  const height = page.viewportSize()?.height ?? 900;
  let at = await where();
  for (let tries = 0; tries < 10 && Math.abs(at.y - height / 2) > height / 4; tries++) {
    await page.mouse.move(640, height / 2);
    await page.mouse.wheel(0, at.y - height / 2);
    await page.waitForTimeout(400);
    at = await where();
  }
  await page.mouse.click(at.x, at.y);
}

/** Polls the slider charts until `check` holds for the one at `index`, or fails with the last state. */
export async function until(page: Page, index: number, check: (c: SliderChart) => boolean): Promise<SliderChart> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const last = (await sliderCharts(page))[index];
    if (last !== undefined && check(last)) return last;
    if (Date.now() > deadline) throw new Error(`slider chart ${index} did not reach the expected state; it shows "${last?.title}" with sliders at ${JSON.stringify(last?.sliders)}`);
    await page.waitForTimeout(250);
  }
}
