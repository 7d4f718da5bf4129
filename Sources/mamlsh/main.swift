print("mamlsh: not yet")
