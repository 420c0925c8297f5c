package org.flows4j.data;

/** Input data that cannot be used, with a one-line message naming the file and the line or column at fault. */
public final class DataFormatException extends RuntimeException {
    /** An exception with the given one-line message, which should name the file and where in it. */
    public DataFormatException(String message) {
        super(message);
    }
}
