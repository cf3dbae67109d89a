/**
 * Customer organizations (region, management mode) and their sites.
 */
package io.gatehouse.organization;
