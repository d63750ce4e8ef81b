package io.github.metarec4j.data;

/** How a feature field is encoded into the input vector of a tower. An enum: immutable and thread-safe. */
public enum FieldType {
    /** One value out of a vocabulary (gender, occupation): a one-hot block. */
    CATEGORICAL,
    /** Several values out of a vocabulary (a film's genres): a multi-hot block scaled to sum to 1. */
    MULTI_CATEGORICAL,
    /** A number (age, year): one standardised input. */
    NUMERIC
}
