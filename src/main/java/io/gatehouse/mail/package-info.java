/**
 * Email: a request from another feature is rendered from a template in the recipient's language
 * and written to an outbox in the caller's transaction; a dispatcher sends it afterwards over
 * SMTP, or, when no mail server is set, keeps it in the vendor admin's Mailbox page.
 */
package io.gatehouse.mail;
