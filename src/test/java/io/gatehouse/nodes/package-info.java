/**
 * Several nodes of Gatehouse as real processes: {@link io.gatehouse.nodes.Cluster} starts an embedded
 * PostgreSQL ({@link io.gatehouse.nodes.ClusterDatabase}, which can be stopped and started again), a
 * GreenMail SMTP server and N processes of the packaged jar ({@link io.gatehouse.nodes.Node}: kill,
 * stop, restart on the same port); {@link io.gatehouse.nodes.Client} calls them as a browser (cookie
 * jar, portal sign-in with CSRF), with HTTP Basic or a personal API token;
 * {@link io.gatehouse.nodes.SteadyLoad} keeps requests going while something fails. The tests here
 * (*IT) run after {@code package}, by Maven Failsafe, on one cluster shared through
 * {@link io.gatehouse.nodes.SharedCluster}.
 */
package io.gatehouse.nodes;
