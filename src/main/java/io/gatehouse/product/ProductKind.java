package io.gatehouse.product;

/** Desktop software is activated per machine; a cloud application counts seats by rights held. */
public enum ProductKind {
    DESKTOP, CLOUD, CONTENT
}
