package io.jenkins.plugins.mesh.engine.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The weights a running rollout manages: every {@code weight} field of an object whose route a rollout's Lease
 * holds. Plans show them as the rollout's and keep the live values, so an apply never fights a canary.
 */
final class RolloutWeights {

    private static final String WEIGHT = "weight";

    private RolloutWeights() {
    }

    /** Puts the live weights into {@code desired} wherever both have a weight at the same place. */
    @SuppressWarnings("unchecked")
    static void keepLive(Object desired, Object live) {
        if (desired instanceof Map<?, ?> d && live instanceof Map<?, ?> l) {
            Map<String, Object> target = (Map<String, Object>) d;
            for (Map.Entry<String, Object> entry : target.entrySet()) {
                Object liveValue = l.get(entry.getKey());
                if (WEIGHT.equals(entry.getKey()) && liveValue instanceof Number) {
                    entry.setValue(liveValue);
                } else if (!"metadata".equals(entry.getKey())) {
                    keepLive(entry.getValue(), liveValue);
                }
            }
        } else if (desired instanceof List<?> d && live instanceof List<?> l) {
            for (int i = 0; i < Math.min(d.size(), l.size()); i++) {
                keepLive(d.get(i), l.get(i));
            }
        }
    }

    /** The weights that differ between the live object and the file's, each marked as managed by {@code holder}. */
    static List<FieldDiff> heldDiffs(Map<String, Object> live, Map<String, Object> file, String holder) {
        List<FieldDiff> out = new ArrayList<>();
        collect("", ObjectContent.plain(live), ObjectContent.plain(file), holder, out);
        return out;
    }

    private static void collect(String path, Object live, Object file, String holder, List<FieldDiff> out) {
        if (live instanceof Map<?, ?> l && file instanceof Map<?, ?> f) {
            TreeSet<String> keys = new TreeSet<>();
            f.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String key : keys) {
                String child = path.isEmpty() ? key : path + "." + key;
                Object liveValue = l.get(key);
                if (WEIGHT.equals(key) && liveValue instanceof Number && !liveValue.equals(f.get(key))) {
                    out.add(new FieldDiff(child, liveValue, f.get(key), "rollout " + holder));
                } else if (!"metadata".equals(key)) {
                    collect(child, liveValue, f.get(key), holder, out);
                }
            }
        } else if (live instanceof List<?> l && file instanceof List<?> f) {
            for (int i = 0; i < Math.min(l.size(), f.size()); i++) {
                collect(path + "[" + i + "]", l.get(i), f.get(i), holder, out);
            }
        }
    }
}
