"""Load run mix: shoppers already logged in, several browser tabs each (two by default) on one cart.

Started by bench/load.py, which seeds the shoppers and reads back what this
file counted. Per shopper:

- the "add" products only receive adds (both tabs; the first add creates the
  line): each must end with exactly one unit per successful add, whatever the
  interleaving;
- the "counter" line only receives + and − (each tab alternates them): it must
  end at its start + successful increases − successful decreases;
- the "set" line receives quantities from SET_CHOICES: it must end on one of
  the values set successfully;
- the cart page is loaded whole, as a browser without htmx would.

Buyers (their own accounts) add a product, open the checkout page and place the
order, as a browser without JavaScript does; some products are scarce, so buyers
race for the last units; one placement in five is submitted twice (a double
click), which must land on the same order. bench/load.py then checks the stock
against the orders.
"""

import itertools
import json
import os
import random
import re
from collections import Counter, defaultdict

from locust import FastHttpUser, constant, events, task

TABS_PER_SHOPPER = int(os.environ.get("BENCH_TABS_PER_SHOPPER", "2"))
SET_CHOICES = tuple(range(1, 21))

SHOPPERS = json.loads(open(os.environ["BENCH_SHOPPERS"]).read()) if "BENCH_SHOPPERS" in os.environ else []
BUYERS = json.loads(open(os.environ["BENCH_BUYERS"]).read()) if "BENCH_BUYERS" in os.environ else []
_tab_numbers = itertools.count()
_buyer_numbers = itertools.count()
DOUBLE_SUBMIT_SHARE = 0.2
FORM_FIELD = re.compile(r'name="(checkout_token|expected_total)" value="([^"]+)"')
CHECKED_METHOD = re.compile(r'name="shipping_method" value="(\d+)"[^>]*checked')

# What the tabs saw, per shopper: successful operations and every status code.
successes: dict[str, Counter] = defaultdict(Counter)
values_set: dict[str, set[int]] = defaultdict(set)
statuses: Counter = Counter()
latencies_ms: dict[str, list[float]] = defaultdict(list)


class Tab(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.shopper = SHOPPERS[next(_tab_numbers) // TABS_PER_SHOPPER % len(SHOPPERS)]
        self.key = self.shopper["session"]
        self.next_counter_step = "increase"
        cookies = f"sessionid={self.shopper['session']}; csrftoken={self.shopper['csrf']}"
        self.htmx_headers = {"Cookie": cookies, "X-CSRFToken": self.shopper["csrf"], "HX-Request": "true"}
        self.page_headers = {"Cookie": cookies}

    def _post(self, name: str, path: str, data: dict | None = None) -> bool:
        """True when the shop made the change (200); a 422 is a refusal the shop explains, not an error."""
        with self.client.post(
            path, data=data or {}, headers=self.htmx_headers, name=name, catch_response=True
        ) as response:
            statuses[response.status_code] += 1
            if response.status_code in (200, 422):
                response.success()
            else:
                response.failure(f"status {response.status_code}")
            return response.status_code == 200

    @task(3)
    def add(self) -> None:
        product = random.choice(self.shopper["add_products"])
        if self._post("add", f"/cart/add/{product}/", {"quantity": 1}):
            successes[self.key][f"add {product}"] += 1

    @task(4)
    def counter_step(self) -> None:
        step = self.next_counter_step
        self.next_counter_step = "decrease" if step == "increase" else "increase"
        if self._post(step, f"/cart/items/{step}/", {"line": self.shopper["counter_line"]}):
            successes[self.key][step] += 1

    @task(2)
    def set_quantity(self) -> None:
        quantity = random.choice(SET_CHOICES)
        line = self.shopper["set_line"]
        if self._post("set quantity", "/cart/items/quantity/", {"line": line, "quantity": quantity}):
            values_set[self.key].add(quantity)

    @task(1)
    def cart_page(self) -> None:
        with self.client.get("/cart/", headers=self.page_headers, name="cart page", catch_response=True) as response:
            statuses[response.status_code] += 1
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


class Buyer(FastHttpUser):
    """A shopper who checks out again and again: add, checkout page, place order (sometimes twice)."""

    fixed_count = len(BUYERS)
    wait_time = constant(0)

    def on_start(self) -> None:
        self.buyer = BUYERS[next(_buyer_numbers) % len(BUYERS)]
        cookies = f"sessionid={self.buyer['session']}; csrftoken={self.buyer['csrf']}"
        self.htmx_headers = {"Cookie": cookies, "X-CSRFToken": self.buyer["csrf"], "HX-Request": "true"}
        self.page_headers = {"Cookie": cookies, "X-CSRFToken": self.buyer["csrf"]}

    def _request(self, method: str, name: str, path: str, headers: dict, expected: tuple[int, ...], **kwargs):
        with self.client.request(
            method, path, headers=headers, name=name, catch_response=True, allow_redirects=False, **kwargs
        ) as response:
            statuses[response.status_code] += 1
            if response.status_code in expected:
                response.success()
            else:
                response.failure(f"status {response.status_code}")
            return response

    @task
    def buy(self) -> None:
        product = random.choice(self.buyer["products"])
        self._request("POST", "add", f"/cart/add/{product}/", self.htmx_headers, (200, 422), data={"quantity": 1})
        page = self._request("GET", "checkout page", "/checkout/", self.page_headers, (200, 302))
        if page.status_code != 200:
            # Something in the cart sold out meanwhile: start over with an empty cart.
            self._request("POST", "empty cart", "/cart/clear/", self.page_headers, (303,))
            return
        text = page.text
        fields = dict(FORM_FIELD.findall(text))
        form = {
            "email": f"buyer{self.buyer['user_id']}@example.com",
            "full_name": "Load Buyer",
            "street": "1 Load Street",
            "city": "Loadville",
            "postal_code": "12345",
            "country": "US",
            "shipping_method": CHECKED_METHOD.search(text).group(1),
            **fields,
        }
        placed = self._request("POST", "place order", "/checkout/place/", self.page_headers, (303, 409), data=form)
        location = placed.headers.get("Location", "")
        if "/orders/payments/" in location:
            successes[self.buyer["session"]]["place order"] += 1
            if random.random() < DOUBLE_SUBMIT_SHARE:
                again = self._request(
                    "POST", "place order again", "/checkout/place/", self.page_headers, (303,), data=form
                )
                if "/orders/" in again.headers.get("Location", "") and "/payments/" not in again.headers["Location"]:
                    successes[self.buyer["session"]]["same order again"] += 1
        elif location.endswith("/cart/"):
            # Stock ran out before placement: the cart is kept; empty it to try again.
            self._request("POST", "empty cart", "/cart/clear/", self.page_headers, (303,))


@events.request.add_listener
def _record_latency(name: str, response_time: float, exception, **kwargs) -> None:
    latencies_ms[name].append(response_time)


@events.quitting.add_listener
def _write_counts(environment, **kwargs) -> None:
    output = os.environ.get("BENCH_COUNTS")
    if not output:
        return
    with open(output, "w") as file:
        json.dump(
            {
                "successes": {key: dict(counter) for key, counter in successes.items()},
                "values_set": {key: sorted(values) for key, values in values_set.items()},
                "statuses": {str(status): count for status, count in statuses.items()},
                "latencies_ms": latencies_ms,
            },
            file,
        )
