package io.gatehouse.request;

import io.gatehouse.shared.ConflictException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The same thing is already asked for in a ticket still to decide; the answer names that ticket. */
public class RequestAlreadyOpen extends ConflictException {

    private final String requestId;
    private final long number;

    RequestAlreadyOpen(RequestType type, String requestId, long number) {
        super("request", "conflict.request.duplicate." + type.name());
        this.requestId = requestId;
        this.number = number;
    }

    public String requestId() {
        return requestId;
    }

    public long number() {
        return number;
    }

    @Override
    public List<Object> arguments() {
        return List.of(number);
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("requestId", requestId);
        properties.put("requestNumber", number);
        return properties;
    }
}
