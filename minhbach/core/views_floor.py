"""The framework floor of the submission benchmark: a bare view doing one INSERT (mounted only when
MINHBACH_BENCH_FLOOR=1, see config/urls.py and scripts/bench.py).

It runs through the same server, middleware, settings and database as POST /api/v1/submissions, parses a JSON
body and writes one row, so `submit_rps / floor_rps` tells how much of a submission's cost is ours. The row is
an already expired session (a real table with a primary-key index; `minhbach clearsessions` removes it).
"""
from __future__ import annotations

import json
import secrets

from django.contrib.sessions.models import Session
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from minhbach.core import clock


@csrf_exempt
@require_POST
def floor_insert(request: HttpRequest) -> JsonResponse:
    """Parse the JSON body and INSERT one row; nothing else."""
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error": "invalid json"}, status=400)
    key = secrets.token_hex(16)
    Session.objects.create(session_key=key, session_data="", expire_date=clock.now())
    return JsonResponse({"key": key, "fields": len(body)}, status=201)
