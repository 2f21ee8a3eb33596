package io.jenkins.plugins.mesh.engine.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A canary's step weights written as text, as a form field or a parameter holds them: {@code 10, 25, 50}. Parsed
 * and checked by the same rules as a {@link CanaryPlan} (whole numbers in 1..100, increasing).
 */
public final class StepWeights {

    private StepWeights() {
    }

    /**
     * The weights of {@code text}, separated by commas or spaces.
     *
     * @throws IllegalArgumentException naming the part that is wrong and how to write the weights
     */
    public static List<Integer> parse(String text) {
        List<Integer> weights = new ArrayList<>();
        for (String part : (text == null ? "" : text.strip()).split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                weights.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not a whole number; write the weights in "
                        + "percent, e.g. 10, 25, 50");
            }
        }
        CanaryPlan.of(weights, Duration.ofMinutes(1), EndAction.PROMOTE); // the plan's own checks
        return List.copyOf(weights);
    }

    /** The weights as text that {@link #parse} reads back: {@code 10, 25, 50}. */
    public static String format(List<Integer> weights) {
        return weights.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
