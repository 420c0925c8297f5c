package org.flows4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.flows4j.testkit.ScaleShift;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The flat parameter vector is a true view: writes through it reach the bijectors, and back. */
class ParameterVectorTest {

    @Test
    void parametersBecomeViewsOfOneFlatVector() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        ScaleShift a = new ScaleShift(3);
        a.parameters().get(1).value().assign(Nd4j.createFromArray(new float[][] {{1, 2, 3}}));
        ScaleShift b = new ScaleShift(2);
        ParameterVector vector = ParameterVector.of(List.of(a.parameters().get(0), a.parameters().get(1),
                b.parameters().get(0), b.parameters().get(1), a.parameters().get(0)), DataType.FLOAT);
        assertEquals(10, vector.size(), "a shared parameter is laid out once");
        assertEquals(4, vector.parameters().size());
        assertEquals(2.0, vector.values().getDouble(0, 4), "existing values are copied in");

        vector.values().addi(1);
        assertEquals(4.0, a.parameters().get(1).value().getDouble(2), "flat writes reach the parameter");
        b.parameters().get(0).grad().assign(7);
        assertEquals(14.0, vector.gradients().sumNumber().doubleValue(), "parameter gradients live in the flat vector");
        var snapshot = vector.snapshot();
        vector.values().assign(0);
        vector.restore(snapshot);
        assertEquals(4.0, a.parameters().get(1).value().getDouble(2));
        vector.zeroGradients();
        assertEquals(0.0, b.parameters().get(0).grad().sumNumber().doubleValue());
    }
}
