package io.gatehouse.request;

/** What a request asks for. */
public enum RequestType {
    NEW_USER, RIGHTS_CHANGE, DEACTIVATION
}
