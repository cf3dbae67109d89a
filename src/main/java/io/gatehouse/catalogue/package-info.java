/**
 * Catalogue selection: the content catalogues the vendor offers in each region, those on an
 * organization's account, and requests to add one.
 */
package io.gatehouse.catalogue;
