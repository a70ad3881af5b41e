package org.nabla4j.autodiff;

import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;

class Nd4jLossesTest extends AbstractLossesTest {
    @Override
    protected Backend backend() {
        return Backends.get("nd4j");
    }
}
