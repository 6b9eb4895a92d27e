import json, sys
for line in sys.stdin:
    scenario = json.loads(line)
    print(json.dumps({"times": scenario["times"]} if scenario["model"] == "davies" else {"error": "davies scenarios only"}), flush=True)
