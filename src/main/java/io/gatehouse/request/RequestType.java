package io.gatehouse.request;

/** What a request asks for; SEATS: more seats of a licence. */
public enum RequestType {
    NEW_USER, RIGHTS_CHANGE, DEACTIVATION, SEATS
}
