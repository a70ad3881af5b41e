package org.nabla4j.autodiff;

import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;

class EjmlGradCheckTest extends AbstractGradCheckTest {
    @Override
    protected Backend backend() {
        return Backends.get("ejml");
    }
}
