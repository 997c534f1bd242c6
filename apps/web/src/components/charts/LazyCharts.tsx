import { lazy, Suspense, type ComponentProps } from "react";
import { Loading } from "../StatusMessages";

// The charts library is large: it loads with the first page that draws a chart, not before.
const BandTrend = lazy(() => import("./BandTrendChart").then((m) => ({ default: m.BandTrendChart })));
const DimensionRadar = lazy(() =>
  import("./DimensionRadarChart").then((m) => ({ default: m.DimensionRadarChart })),
);
const UsageBars = lazy(() => import("./UsageBarChart").then((m) => ({ default: m.UsageBarChart })));
const CountBars = lazy(() => import("./CountBarChart").then((m) => ({ default: m.CountBarChart })));

export function LazyBandTrendChart(props: ComponentProps<typeof BandTrend>) {
  return (
    <Suspense fallback={<Loading />}>
      <BandTrend {...props} />
    </Suspense>
  );
}

export function LazyDimensionRadarChart(props: ComponentProps<typeof DimensionRadar>) {
  return (
    <Suspense fallback={<Loading />}>
      <DimensionRadar {...props} />
    </Suspense>
  );
}

export function LazyCountBarChart(props: ComponentProps<typeof CountBars>) {
  return (
    <Suspense fallback={<Loading />}>
      <CountBars {...props} />
    </Suspense>
  );
}

export function LazyUsageBarChart(props: ComponentProps<typeof UsageBars>) {
  return (
    <Suspense fallback={<Loading />}>
      <UsageBars {...props} />
    </Suspense>
  );
}
