/**
 * What the vendor sells: products, tied to an application of the catalogue when they are one.
 */
package io.gatehouse.product;
