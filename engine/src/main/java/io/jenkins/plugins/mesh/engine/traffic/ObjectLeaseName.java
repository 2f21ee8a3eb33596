package io.jenkins.plugins.mesh.engine.traffic;

import io.jenkins.plugins.mesh.engine.KubernetesName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The Lease that locks one mesh object while {@code mesh apply} changes it: {@code mesh-apply-<kind>-<name>} in the
 * object's namespace. It lives here, beside the route Leases, because both sides read it: an apply takes it, and a
 * rollout that finds it on its route's object does not start.
 */
public final class ObjectLeaseName {

    private ObjectLeaseName() {
    }

    /**
     * The Lease name; a hash keeps names apart when cleaning or shortening made them alike.
     *
     * @param qualifiedKind the object's kind, with its group where two groups share the kind
     *     ({@code Gateway.gateway.networking.k8s.io})
     */
    public static String of(String qualifiedKind, String name) {
        String raw = "mesh-apply-" + qualifiedKind.toLowerCase(Locale.ROOT) + "-" + name;
        String clean = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        if (!clean.equals(raw) || clean.length() > 200 || !KubernetesName.isSubdomain(clean)) {
            String cut = clean.length() > 180 ? clean.substring(0, 180) : clean;
            clean = cut.replaceAll("[^a-z0-9]+$", "") + "-" + hash(raw);
        }
        return clean;
    }

    /** The first 5 bytes of the text's SHA-256, in hex: what tells two cleaned-up Lease names apart. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
