"""Property-based fuzzing with schemathesis against the committed schema (docs/openapi.yaml).

Every operation gets generated requests — valid ones (positive) and invalid ones (negative) —
sent through the WSGI app with a read+write token of the functional administrator; the API may
refuse (4xx) but never crash (5xx) and every documented response must match the schema. A
stateful run chains operations through the schema's links (a PUT then a GET of what it wrote).

``FRONTLIJN_FUZZ_EXAMPLES`` (default 5) sets the examples per operation; CI runs 25
(``.ci/run``). ``FRONTLIJN_FUZZ_COVERAGE=1`` adds the coverage phase (hundreds of boundary cases
per operation), for manual runs.
"""

import os
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance

from frontlijn.api.tokens import api_token_create
from tests.api.factories import admin_user
from tests.factories import BuurtFactory, HouseholdFactory

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
EXAMPLES = int(os.environ.get("FRONTLIJN_FUZZ_EXAMPLES", "5"))
COVERAGE = os.environ.get("FRONTLIJN_FUZZ_COVERAGE", "") not in ("", "0")
schema = schemathesis.openapi.from_path(
    SCHEMA,
    config=SchemathesisConfig.from_dict(
        {
            "phases": {"coverage": {"enabled": COVERAGE}, "stateful": {"enabled": True}},
            "generation": {"mode": "all"},
        }
    ),
)
schema.app = get_wsgi_application()


@pytest.fixture
def _keep_test_connection():
    """As Django's test client does: the WSGI app must not close the test's database connection
    (on PostgreSQL, ``close_old_connections`` would close it inside the test transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, _keep_test_connection):
    HouseholdFactory(id_extern="H-1", unit__id_extern="E-1", unit__complex__buurt=BuurtFactory(id_extern="B-1"))
    _row, text = api_token_create(owner=admin_user(username="erp"), name="fuzz", scope="write")
    return text


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_never_crashes_and_matches_schema(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )


APIWorkflow = schema.as_state_machine()


def test_api_stateful_sequences_never_crash(token):
    class Workflow(APIWorkflow):
        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {token}"}}

        def validate_response(self, response, case, **kwargs):
            assert response.status_code < 500, f"{response.status_code} for {case.method} {case.path}"

    Workflow.run(
        settings=settings(
            max_examples=max(2, EXAMPLES // 2),
            stateful_step_count=5,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
