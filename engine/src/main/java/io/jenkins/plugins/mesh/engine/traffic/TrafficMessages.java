package io.jenkins.plugins.mesh.engine.traffic;

/** The messages that name a route, its holder and what to run next; shared so that every command says the same. */
final class TrafficMessages {

    private TrafficMessages() {
    }

    static void refusePending(RouteLease lease) {
        if (lease.restorePending() != null) {
            throw new TrafficException(TrafficException.Reason.RESTORE_PENDING, "a restore is pending for "
                    + describe(lease.snapshot()) + " (" + lease.ref() + "): " + lease.restorePending() + ". Run `"
                    + rollbackCommand(lease.snapshot().target()) + "` first");
        }
    }

    static TrafficException lockedBy(RouteLease lease, String what) {
        return new TrafficException(TrafficException.Reason.LOCKED, what + " is locked by " + holderOf(lease)
                + " (lease renewed " + lease.renewed() + ", valid until " + lease.expires() + "); wait for it to "
                + "finish or stop it");
    }

    static TrafficException lost(RouteLease lease, Holder holder) {
        return new TrafficException(TrafficException.Reason.LOCKED, holder.identity() + " no longer holds "
                + lease.ref() + " for " + describe(lease.snapshot()) + ": it is held by " + holderOf(lease)
                + "; stopping without writing");
    }

    static String holderOf(RouteLease lease) {
        return lease.build() == null ? lease.holder() : lease.holder() + " (" + lease.build() + ")";
    }

    static String rollbackCommand(RouteTarget target) {
        return "mesh rollback --namespace " + target.namespace() + (target.kind() == RouteKind.VIRTUAL_SERVICE
                ? " --virtual-service " : " --http-route ") + target.name()
                + (target.route() != null ? " --route " + target.route() : "");
    }

    static String describe(RouteSnapshot snapshot) {
        return describe(snapshot.target(), new SelectedRoute(snapshot.routeIndex(), snapshot.target().route()));
    }

    static String describe(RouteTarget target, SelectedRoute route) {
        return (target.kind() == RouteKind.VIRTUAL_SERVICE ? "HTTP route '" : "rule '") + route.key() + "' of "
                + target.describe();
    }
}
