package io.jenkins.plugins.mesh.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Argument lists for the cluster commands that are each wrong in at least one way that must stop the command before
 * it writes: a missing required option, an unknown or contradictory option, a value that is no valid weight, name,
 * route, destination, file or timeout. The rest of the list is valid and points at the test cluster, so that many
 * of them get as far as reading it.
 */
final class MalformedArguments {

    private static final List<String> BAD_WEIGHTS = List.of("101", "-1", "abc", "50.5", "1e2", "", "2147483648",
            "0x10", "NaN", "100%", "--dry-run");
    private static final List<String> BAD_NAMES = List.of("", "UPPER", "shop/reviews", "../etc", "a".repeat(300),
            "-x", "rev iews", "reviews\n", "\u202Ereviews", "*", "reviews;rm", "%2e%2e");
    private static final List<String> BAD_FILES = List.of("/nonexistent/kubeconfig", "/", "/dev/null", "",
            "/proc/self/status");

    private final Random random;
    private final String kubeconfig;

    MalformedArguments(Random random, String kubeconfig) {
        this.random = random;
        this.kubeconfig = kubeconfig;
    }

    List<String> next() {
        String command = pick(List.of("traffic", "rollback", "status", "validate", "traffic", "rollback"));
        List<String> args = new ArrayList<>(base(command));
        int malformations = 1 + random.nextInt(3);
        for (int m = 0; m < malformations; m++) {
            malform(command, args);
        }
        return args;
    }

    private List<String> base(String command) {
        List<String> args = new ArrayList<>(List.of(command));
        switch (command) {
            case "traffic" -> args.addAll(List.of("--namespace", "bookinfo", "--virtual-service", "reviews",
                    "--stable", "v1", "--canary", "v2", "--weight", "20"));
            case "rollback" -> args.addAll(List.of("--namespace", "bookinfo", "--virtual-service", "reviews"));
            case "status" -> args.addAll(List.of("--namespace", "bookinfo"));
            default -> args.addAll(List.of("/nonexistent/mesh.yaml", "--cluster"));
        }
        args.addAll(List.of("--kubeconfig", kubeconfig));
        return args;
    }

    private void malform(String command, List<String> args) {
        switch (random.nextInt(8)) {
            case 0 -> replaceValue(args, "--weight", pick(BAD_WEIGHTS), command.equals("traffic"));
            case 1 -> replaceValue(args, pick(List.of("--namespace", "--virtual-service")), pick(BAD_NAMES), true);
            case 2 -> replaceValue(args, "--kubeconfig", pick(BAD_FILES), true);
            case 3 -> args.add(1 + random.nextInt(args.size()), pick(List.of("--no-such-option", "-z", "--weight=",
                    "--route", "--http-route", "--in-cluster", "--server", "--token-file", "--insecure-skip-tls-verify",
                    "--request-timeout=-1", "--request-timeout=NaN", "--format=xml")));
            case 4 -> {
                if (args.size() > 2) {
                    args.remove(1 + random.nextInt(args.size() - 1));
                }
                // Removing a valid token must leave something wrong: make sure of it.
                args.add("--weight");
                args.add("101");
            }
            case 5 -> {
                args.add("--stable");
                args.add("v2");
                args.add("--canary");
                args.add("v2");
                args.add("--weight");
                args.add(pick(BAD_WEIGHTS));
            }
            // Route names are free text in Istio: only a canary's route must exist (a rollback of a route without a
            // lease has nothing to do, and says so).
            case 6 -> args.add(command.equals("traffic") ? "--route=" + pick(BAD_NAMES.subList(1, BAD_NAMES.size()))
                    : "--no-such-option");
            default -> args.add(pick(List.of("--namespace", "--kubeconfig", "--stable")));
        }
    }

    /** Sets {@code option}'s value, adding the option when missing (if {@code add}). */
    private void replaceValue(List<String> args, String option, String value, boolean add) {
        int at = args.indexOf(option);
        if (at >= 0 && at + 1 < args.size()) {
            args.set(at + 1, value);
        } else if (add) {
            args.add(option);
            args.add(value);
        } else {
            args.add("--no-such-option");
        }
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
