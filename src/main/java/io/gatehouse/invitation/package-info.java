/**
 * Invitations: "Invite users" by address, up to a hundred at once, into one or more
 * organizations; registration through the emailed link; pending invitations with resend and revoke.
 */
package io.gatehouse.invitation;
