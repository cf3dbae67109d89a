package io.gatehouse.licence;

import io.gatehouse.shared.ConflictException;
import java.util.List;
import java.util.Map;

/** No seat to be had: says how many are used of how many, and how to ask for more. */
class SeatsTaken extends ConflictException {

    private final List<Object> arguments;
    private final Map<String, Object> properties;

    private SeatsTaken(String field, String messageCode, List<Object> arguments, Map<String, Object> properties) {
        super(field, messageCode);
        this.arguments = List.copyOf(arguments);
        this.properties = Map.copyOf(properties);
    }

    /** Every seat of the product's active licences is in use. */
    static SeatsTaken full(String field, String product, long used, int total) {
        return new SeatsTaken(field, "conflict.seats.full", List.of(product, used, total),
                Map.of("seatsUsed", used, "seats", total));
    }

    /** Every seat of a desktop licence is held by an activated machine. */
    static SeatsTaken machines(String product, long used, int total) {
        return new SeatsTaken("licenceKey", "conflict.activation.seatsFull", List.of(product, used, total),
                Map.of("seatsUsed", used, "seats", total));
    }

    /** The product needs a licence and the organization has no active one. */
    static SeatsTaken noLicence(String field, String product) {
        return new SeatsTaken(field, "conflict.seats.noLicence", List.of(product), Map.of("seatsUsed", 0, "seats", 0));
    }

    @Override
    public List<Object> arguments() {
        return arguments;
    }

    @Override
    public Map<String, Object> properties() {
        return properties;
    }
}
