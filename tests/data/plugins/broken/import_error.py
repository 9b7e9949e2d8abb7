raise RuntimeError("this plugin cannot even be imported")
