/**
 * Telling the vendor's applications what changed: each application of the catalogue may register a
 * webhook; a change of a person's access writes one message per concerned application to an outbox
 * in the change's transaction, and a dispatcher delivers it afterwards, signed as Standard Webhooks
 * prescribes, retried with backoff until it is delivered or given up. Other kinds of message (such
 * as a back-channel logout) plug in as a {@link io.gatehouse.webhook.DeliveryRenderer}.
 */
package io.gatehouse.webhook;
