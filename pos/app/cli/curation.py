"""`otop-pos certificate add | alerts`: certificates of products and producers, for managers."""

from __future__ import annotations

import argparse

from pos.app.cli.common import Commands, db_arg, opened, parse_day
from pos.domain.settings import Settings


def cmd_certificate_add(args: argparse.Namespace, settings: Settings) -> int:
    from pos.domain.curation import Certificate, CertKind

    cert = Certificate(
        kind=CertKind(args.kind),
        number=args.number,
        issued=parse_day(args.issued, "--issued"),
        expires=parse_day(args.expires, "--expires"),
        file=args.file,
        product_sku=args.sku,
        producer_code=args.producer,
    )
    with opened(args, settings) as services:
        actor = services.auth.login(args.user, args.pin)
        stored = services.curation.add_certificate(actor, cert)
    print(f"{stored.kind.value} {stored.number}: {stored.product_sku or stored.producer_code}")
    return 0


def cmd_certificate_alerts(args: argparse.Namespace, settings: Settings) -> int:
    """Certificates expired or expiring within 90 days, soonest first."""
    from pos.domain.curation import CERT_KIND_NAMES, Expiry

    with opened(args, settings) as services:
        actor = services.auth.login(args.user, args.pin)
        alerts = services.curation.alerts(actor)
    for a in alerts:
        c = a.record.certificate
        holder = c.product_sku or c.producer_code
        state = "EXPIRED" if a.state is Expiry.EXPIRED else f"{a.days_left} days left"
        print(
            f"{c.expires}  {state:<13}  {CERT_KIND_NAMES[c.kind].en} {c.number}  "
            f"{holder} {a.record.holder_en} / {a.record.holder_th}"
        )
    return 0


def add_commands(sub: Commands) -> None:
    from pos.domain.curation import CertKind

    group = sub.add_parser("certificate", help="certificates of products and producers (manager)")
    actions = group.add_subparsers(dest="certificate_command", required=True)
    add = actions.add_parser(
        "add", help="add a certificate: checked (an FDA number's form), audited"
    )
    db_arg(add)
    add.add_argument("--kind", required=True, choices=[k.value for k in CertKind])
    add.add_argument("--number", required=True, help="its number (OTOP stars: the level 1-5)")
    holder = add.add_mutually_exclusive_group(required=True)
    holder.add_argument("--sku", help="the product it certifies")
    holder.add_argument("--producer", help="the producer it certifies (code)")
    add.add_argument("--issued", help="issue date YYYY-MM-DD")
    add.add_argument("--expires", help="expiry date YYYY-MM-DD (none: it does not expire)")
    add.add_argument("--file", help="the scanned certificate's file")
    alerts = actions.add_parser(
        "alerts", help="certificates expired or expiring within 90 days, soonest first"
    )
    db_arg(alerts)
    for p in (add, alerts):
        p.add_argument("--user", required=True, help="a manager's username")
        p.add_argument("--pin", required=True, help="their PIN")
    add.set_defaults(func=cmd_certificate_add)
    alerts.set_defaults(func=cmd_certificate_alerts)
