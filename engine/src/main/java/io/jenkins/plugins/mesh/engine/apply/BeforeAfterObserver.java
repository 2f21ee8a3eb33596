package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.analysis.MeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.MetricException;
import io.jenkins.plugins.mesh.engine.analysis.RequestCounts;
import io.jenkins.plugins.mesh.engine.analysis.VersionLabel;
import io.jenkins.plugins.mesh.engine.analysis.VersionSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Lets the canary's comparisons judge one service against itself in time: the "stable" side is the service
 * before the change (a window ending at the change), the "canary" side the service after it. The before side is
 * named by {@link #before}; every other selector is passed through unchanged.
 */
final class BeforeAfterObserver implements MeshObserver {

    /** The version value that marks the before side. */
    static final String BEFORE = "before-change";

    private final MeshObserver delegate;
    private final Instant changedAt;

    BeforeAfterObserver(MeshObserver delegate, Instant changedAt) {
        this.delegate = delegate;
        this.changedAt = changedAt;
    }

    /** The before side of {@code service}. */
    static VersionSelector before(RoutedService service) {
        return new VersionSelector(service.namespace(), service.name(), VersionLabel.DESTINATION_VERSION, BEFORE);
    }

    /** The after side of {@code service}: all its traffic. */
    static VersionSelector after(RoutedService service) {
        return new VersionSelector(service.namespace(), service.name(), VersionLabel.DESTINATION_SERVICE_NAME,
                service.name());
    }

    @Override
    public RequestCounts requests(VersionSelector version, Duration window, Instant at) throws MetricException {
        return isBefore(version) ? delegate.requests(whole(version), window, changedAt)
                : delegate.requests(version, window, at);
    }

    @Override
    public OptionalDouble latencyMillis(VersionSelector version, double quantile, Duration window, Instant at)
            throws MetricException {
        return isBefore(version) ? delegate.latencyMillis(whole(version), quantile, window, changedAt)
                : delegate.latencyMillis(version, quantile, window, at);
    }

    @Override
    public String describeRequests(VersionSelector version, Duration window) {
        return delegate.describeRequests(isBefore(version) ? whole(version) : version, window)
                + (isBefore(version) ? " before the change" : "");
    }

    @Override
    public String describeErrors(VersionSelector version, Duration window) {
        return delegate.describeErrors(isBefore(version) ? whole(version) : version, window)
                + (isBefore(version) ? " before the change" : "");
    }

    @Override
    public String describeLatency(VersionSelector version, double quantile, Duration window) {
        return delegate.describeLatency(isBefore(version) ? whole(version) : version, quantile, window)
                + (isBefore(version) ? " before the change" : "");
    }

    private static boolean isBefore(VersionSelector version) {
        return version.label() == VersionLabel.DESTINATION_VERSION && BEFORE.equals(version.version());
    }

    private static VersionSelector whole(VersionSelector version) {
        return VersionSelector.host(version.namespace(), version.service());
    }
}
