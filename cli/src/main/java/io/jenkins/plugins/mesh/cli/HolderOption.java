package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.traffic.Holder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/** Who the command acts as: the Lease holder and the name in audit Events. */
public final class HolderOption {

    @Option(names = "--holder", paramLabel = "ID", description = "who holds the route's lease, e.g. a build URL "
            + "(default: user@host)")
    String holder;

    Holder holder() {
        if (holder != null && !holder.isBlank()) {
            return new Holder(holder, null);
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return Holder.localUser(System.getProperty("user.name", "unknown"), host);
    }
}
