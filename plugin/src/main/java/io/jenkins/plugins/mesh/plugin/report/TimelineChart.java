package io.jenkins.plugins.mesh.plugin.report;

import java.util.List;
import java.util.Locale;

/**
 * Draws a rollout time line as self-contained SVG: the canary weight as a step line over time (0..100 %) and every
 * health check as a dot coloured by its verdict, with a tooltip. It takes plain values only and escapes all text, so
 * the markup can be written into a page unescaped. No script, no external resource.
 */
public final class TimelineChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 200;
    private static final int LEFT = 44;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;

    /** The canary weight (0..100) set at {@code offsetMs} after the rollout started. */
    public record WeightPoint(long offsetMs, int weight) {
    }

    /** A health check evaluated at {@code offsetMs}; verdict {@code pass}, {@code fail} or anything else. */
    public record CheckPoint(long offsetMs, String label, String verdict) {
    }

    private TimelineChart() {
    }

    public static String render(List<WeightPoint> weights, List<CheckPoint> checks, long durationMs) {
        long end = Math.max(1, durationMs);
        for (WeightPoint w : weights) {
            end = Math.max(end, w.offsetMs());
        }
        for (CheckPoint c : checks) {
            end = Math.max(end, c.offsetMs());
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mesh-timeline\" role=\"img\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\">");
        svg.append("<title>").append(escape(title(weights, checks))).append("</title>");
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = y(pct);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\" stroke-width=\"1\"/>", LEFT, y,
                    WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"currentColor\">%d%%</text>",
                    LEFT - 6, y + 3, pct));
        }
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"currentColor\">0</text>", LEFT, HEIGHT - 8));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\" fill=\"currentColor\">%s</text>",
                WIDTH - RIGHT, HEIGHT - 8, escape(duration(end))));
        if (!weights.isEmpty()) {
            StringBuilder points = new StringBuilder();
            double lastY = y(0);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f", x(0, end), lastY));
            for (WeightPoint w : weights) {
                double px = x(w.offsetMs(), end);
                double py = y(clamp(w.weight()));
                points.append(String.format(Locale.ROOT, " %.1f,%.1f %.1f,%.1f", px, lastY, px, py));
                lastY = py;
            }
            points.append(String.format(Locale.ROOT, " %.1f,%.1f", x(end, end), lastY));
            svg.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"")
                    .append(points).append("\"/>");
        }
        for (CheckPoint c : checks) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"%s\">",
                    x(c.offsetMs(), end), HEIGHT - BOTTOM + 8, colour(c.verdict())));
            svg.append("<title>").append(escape(c.label() + ": " + c.verdict())).append("</title></circle>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static String title(List<WeightPoint> weights, List<CheckPoint> checks) {
        return "Canary weight over time, " + weights.size() + " steps, " + checks.size() + " checks";
    }

    private static int clamp(int weight) {
        return Math.max(0, Math.min(100, weight));
    }

    private static double x(long offsetMs, long end) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) Math.max(0, offsetMs) / end;
    }

    private static double y(int pct) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (100 - pct) / 100.0;
    }

    private static String colour(String verdict) {
        if ("pass".equalsIgnoreCase(verdict)) {
            return "#2e7d32";
        }
        if ("fail".equalsIgnoreCase(verdict)) {
            return "#c62828";
        }
        return "#9e9e9e";
    }

    static String duration(long ms) {
        long seconds = ms / 1000;
        return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
    }

    /** XML text and attribute escaping. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch < 0x20 && ch != '\n' && ch != '\t' ? ' ' : ch);
            }
        }
        return out.toString();
    }
}
