/**
 * Change requests: in a vendor-managed organization (and for rights the vendor approves itself)
 * an organization admin's change becomes a ticket; the vendor's support approves it, and the
 * change applies itself in the same transaction, or rejects it with a reason.
 */
package io.gatehouse.request;
