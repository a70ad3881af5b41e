package org.nabla4j.autodiff;

import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;

class EjmlExamplesTest extends AbstractExamplesTest {
    @Override
    protected Backend backend() {
        return Backends.get("ejml");
    }
}
