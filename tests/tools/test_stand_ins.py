"""The notification stand-ins under tests/support/, as Python tests drive them."""
import pathlib
import smtplib
import sys
from email.message import EmailMessage

import requests

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from stand_ins import SmsGatewayStandIn, SmtpStandIn  # noqa: E402


def test_smtp_stand_in_records_and_decodes_each_message(tmp_path):
    with SmtpStandIn(tmp_path / "mail", "--reject-rcpt", "nobody@") as smtp:
        message = EmailMessage()
        message["From"] = "noreply@example.kz"
        message["To"] = "aigerim@example.kz"
        message["Subject"] = "Өтінішіңіз қабылданды"
        message["Message-ID"] = "<0123456789abcdef0123456789abcdef@jumys>"
        message.set_content("Сәлеметсіз бе! https://jumys.example.kz/cases/42")
        with smtplib.SMTP("127.0.0.1", smtp.port, timeout=10) as client:
            client.send_message(message)
            try:
                client.send_message(message, to_addrs=["nobody@example.kz"])
                raise AssertionError("the refused recipient was accepted")
            except smtplib.SMTPRecipientsRefused as refused:
                assert refused.recipients["nobody@example.kz"][0] == 550
        [received] = smtp.messages()
    assert received["rcpt_tos"] == ["aigerim@example.kz"]
    assert received["subject"] == "Өтінішіңіз қабылданды"
    assert dict(received["headers"])["Message-ID"] == "<0123456789abcdef0123456789abcdef@jumys>"
    assert "https://jumys.example.kz/cases/42" in received["parts"][0]["content"]


def test_sms_gateway_stand_in_fails_the_first_requests_then_takes_them(tmp_path):
    with SmsGatewayStandIn(tmp_path / "sms.jsonl", "--fail-first", "2") as gateway:
        body = {"reference": "0123456789abcdef0123456789abcdef", "to": "+77011234567",
                "text": "Сәлем"}
        answers = [requests.post(gateway.url, json=body, timeout=10,
                                 headers={"Authorization": "Bearer k"}).status_code
                   for _ in range(3)]
        recorded = gateway.requests()
    assert answers == [503, 503, 202]
    assert [r["status"] for r in recorded] == [503, 503, 202]
    assert all(r["json"] == body for r in recorded)
    assert recorded[0]["headers"]["authorization"] == "Bearer k"
