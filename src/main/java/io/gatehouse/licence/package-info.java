/**
 * Licences: what an organization bought of a product (edition, seats, dates, the releases it
 * entitles), the seats of cloud applications, machine activations of desktop software and the
 * signed licence files the vendor's software checks offline.
 */
package io.gatehouse.licence;
