package io.jenkins.plugins.mesh.engine.traffic;

import java.math.BigDecimal;

/**
 * A mirror of the managed route's requests to the canary: the callers are answered by the stable as before, and the
 * canary gets a copy of {@code percent} of the requests whose answer nobody waits for. On a VirtualService it is
 * {@code mirror} with {@code mirrorPercentage} on the managed route (or one more entry in its {@code mirrors} list);
 * on an HTTPRoute a {@code RequestMirror} filter with {@code percent} (Gateway API v1.3 standard channel, v1.2
 * experimental) on the managed rule.
 *
 * @param percent the share of requests copied, more than 0 and at most 100 (for an HTTPRoute, a whole number unless
 *     the copy is written as a fraction)
 */
public record CanaryMirror(double percent) implements RouteChange {

    static final String KIND = "mirror";

    public CanaryMirror {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("the mirrored share must be more than 0 and at most 100 percent, got "
                    + percent);
        }
        if (BigDecimal.valueOf(percent).scale() > 4) {
            throw new IllegalArgumentException("the mirrored share " + percent + " has more than 4 decimals; round "
                    + "it");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return "mirror " + percentText() + "% of requests to the canary";
    }

    /** The percentage without a trailing {@code .0}. */
    public String percentText() {
        return BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString();
    }
}
