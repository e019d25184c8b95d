package io.gatehouse.bot.bench;

import java.util.List;
import java.util.Locale;

/** A small SVG line chart: p50/p95/p99 join latency (log scale) against offered load, one point per step. */
final class Chart {

    private static final int W = 720;
    private static final int H = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 130;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private Chart() {
    }

    static String render(String title, List<LoadRunner.StepResult> steps) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", W, H));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s: join latency vs offered load</text>%n",
                LEFT, escape(title)));
        if (steps.isEmpty()) {
            return svg.append("</svg>\n").toString();
        }
        boolean open = steps.get(0).mode().equals("open");
        double xMax = 0;
        double yMin = Double.MAX_VALUE;
        double yMax = 0;
        for (LoadRunner.StepResult s : steps) {
            xMax = Math.max(xMax, x(s, open));
            for (double v : new double[] {s.p50(), s.p95(), s.p99()}) {
                if (Double.isFinite(v) && v > 0) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        if (yMax == 0) {
            return svg.append("</svg>\n").toString();
        }
        double lo = Math.pow(10, Math.floor(Math.log10(yMin)));
        double hi = Math.pow(10, Math.ceil(Math.log10(yMax * 1.01)));
        double xHi = niceCeiling(xMax * 1.05);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
                LEFT, TOP, plotW, plotH));
        for (double d = lo; d <= hi * 1.001; d *= 10) {
            double y = TOP + plotH - (Math.log10(d) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * plotH;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n", LEFT, LEFT + plotW, y, y, LEFT - 6,
                    y + 4, fmt(d)));
        }
        for (int i = 0; i <= 5; i++) {
            double v = xHi * i / 5;
            double x = LEFT + plotW * i / 5.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    TOP + plotH + 18, fmt(v)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotW / 2, H - 18, open ? "offered load (joins/s, open loop)"
                        : "achieved load (joins/s, closed loop)"));
        String[] names = {"p50", "p95", "p99"};
        String[] colors = {"#1f77b4", "#ff7f0e", "#d62728"};
        for (int k = 0; k < 3; k++) {
            StringBuilder points = new StringBuilder();
            for (LoadRunner.StepResult s : steps) {
                double v = k == 0 ? s.p50() : k == 1 ? s.p95() : s.p99();
                if (!Double.isFinite(v) || v <= 0) {
                    continue;
                }
                double x = LEFT + x(s, open) / xHi * plotW;
                double y = TOP + plotH - (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * plotH;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, colors[k]));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().trim(), colors[k]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", LEFT + plotW + 12,
                    TOP + 20 + k * 18, colors[k], names[k]));
        }
        return svg.append("</svg>\n").toString();
    }

    private static double x(LoadRunner.StepResult s, boolean open) {
        return open ? s.offered() : s.achievedPerSecond();
    }

    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= v) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String fmt(double v) {
        return v >= 10 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
