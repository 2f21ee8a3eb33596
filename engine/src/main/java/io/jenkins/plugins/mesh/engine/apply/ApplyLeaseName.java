package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.KubernetesName;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/** The Lease that locks one object for an apply: {@code mesh-apply-<kind>-<name>} in the object's namespace. */
public final class ApplyLeaseName {

    private ApplyLeaseName() {
    }

    /** The Lease name; a hash keeps names apart when cleaning or shortening made them alike. */
    public static String of(MeshKind kind, String name) {
        String raw = "mesh-apply-" + kind.qualifiedKind().toLowerCase(Locale.ROOT) + "-" + name;
        String clean = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        if (!clean.equals(raw) || clean.length() > 200 || !KubernetesName.isSubdomain(clean)) {
            String cut = clean.length() > 180 ? clean.substring(0, 180) : clean;
            clean = cut.replaceAll("[^a-z0-9]+$", "") + "-" + hash(raw);
        }
        return clean;
    }

    private static String hash(String text) {
        return HexFormat.of().formatHex(ObjectContent.sha256(text.getBytes(StandardCharsets.UTF_8)), 0, 5);
    }
}
