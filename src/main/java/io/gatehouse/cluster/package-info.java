/**
 * Several nodes on one database: a node says "this changed" in the transaction of the change, and
 * every node, itself included, hears it within a second and drops what it kept in memory of it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cluster")
package io.gatehouse.cluster;
