package org.nabla4j.autodiff;

import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;

class EjmlOpTableTest extends AbstractOpTableTest {
    @Override
    protected Backend backend() {
        return Backends.get("ejml");
    }
}
