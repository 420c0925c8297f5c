package org.flows4j.core;

import net.jqwik.api.Tag;
import org.flows4j.testkit.BijectorContract;
import org.flows4j.testkit.ScaleShift;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The kit run against a bijector whose log-det is wrong on purpose (it forgets the last dimension's scale).
 * Excluded from the normal run by its tag; {@link ContractKitCatchesBrokenBijectorTest} runs it and expects failures.
 */
@Tag("broken-on-purpose")
class BrokenLogDetContract extends BijectorContract {

    /** {@link ScaleShift} with {@code log|det J| = Σ_{i<D} a_i}: the last term is missing. */
    static final class ForgetfulScaleShift extends ScaleShift {
        ForgetfulScaleShift(int dim) {
            super(dim);
        }

        @Override
        protected INDArray logDet(INDArray x) {
            INDArray a = parameters().get(0).value();
            double wrong = a.sumNumber().doubleValue() - a.getDouble(a.length() - 1);
            return super.logDet(x).assign(wrong);
        }
    }

    @Override
    protected Bijector create(long[] eventShape, long seed) {
        return new ForgetfulScaleShift((int) eventShape[0]);
    }
}
