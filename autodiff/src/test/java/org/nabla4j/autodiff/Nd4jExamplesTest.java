package org.nabla4j.autodiff;

import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;

class Nd4jExamplesTest extends AbstractExamplesTest {
    @Override
    protected Backend backend() {
        return Backends.get("nd4j");
    }
}
