package io.jenkins.plugins.mesh.cli;

import picocli.CommandLine.Mixin;

/** A command on one route ({@link RouteOptions}) acting as someone ({@link HolderOption}). */
abstract class RouteCommand extends ClusterCommand {

    @Mixin
    RouteOptions route;

    @Mixin
    HolderOption holderOption;
}
