/**
 * The audit trail: every change, written in the transaction that made it.
 */
package io.gatehouse.audit;
